//! Mail Parley sends (invites, password resets): through Amazon SES v2 when configured, else
//! into the server log, so a workspace without SES can still hand out links (an operator reads
//! them there), as the reference system describes.

use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message};
use config::{Config, SesConfig};

/// A plain-text mail to one person.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
}

#[derive(Debug, thiserror::Error)]
#[error("mail to the recipient could not be sent: {0}")]
pub struct MailError(String);

#[derive(Clone)]
pub enum Mailer {
    /// Sends through SES v2 from a verified sender.
    Ses {
        client: aws_sdk_sesv2::Client,
        sender: String,
    },
    /// Writes each mail to the log (SES is not configured).
    Log,
}

impl Mailer {
    /// How mail goes out, for the health check: `ses` or `log`.
    pub fn mode(&self) -> &'static str {
        match self {
            Self::Ses { .. } => "ses",
            Self::Log => "log",
        }
    }

    /// The mailer the configuration asks for; the SES client is built once per container.
    pub async fn from_config(config: &Config) -> Self {
        match &config.ses {
            Some(ses) => Self::ses(ses).await,
            None => {
                tracing::warn!(
                    "SES_SENDER is not set: invite and password reset links are written to this log instead of mailed"
                );
                Self::Log
            }
        }
    }

    async fn ses(ses: &SesConfig) -> Self {
        let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new(ses.region.clone()))
            .timeout_config(realtime::sdk_timeouts(domain::limits::SES_TIMEOUTS));
        if let Some(endpoint) = &ses.endpoint {
            loader = loader.endpoint_url(endpoint);
        }
        let sdk = loader.load().await;
        Self::Ses {
            client: aws_sdk_sesv2::Client::new(&sdk),
            sender: ses.sender.clone(),
        }
    }

    pub async fn send(&self, mail: &Mail) -> Result<(), MailError> {
        match self {
            Self::Log => {
                tracing::info!(
                    to = %mail.to,
                    subject = %mail.subject,
                    text = %mail.text,
                    "mail not sent (SES is not configured); here is its text"
                );
                Ok(())
            }
            Self::Ses { client, sender } => {
                let text = |data: &str| {
                    Content::builder()
                        .data(data)
                        .charset("UTF-8")
                        .build()
                        .map_err(|e| MailError(e.to_string()))
                };
                let message = Message::builder()
                    .subject(text(&mail.subject)?)
                    .body(Body::builder().text(text(&mail.text)?).build())
                    .build();
                let sent = client
                    .send_email()
                    .from_email_address(sender)
                    .destination(Destination::builder().to_addresses(&mail.to).build())
                    .content(EmailContent::builder().simple(message).build())
                    .send()
                    .await
                    .map_err(|e| MailError(domain::error_chain(&e)))?;
                tracing::info!(
                    message_id = sent.message_id().unwrap_or_default(),
                    "mail sent"
                );
                Ok(())
            }
        }
    }
}
