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
#[error("mail to the recipient could not be sent: {message}")]
pub struct MailError {
    message: String,
    /// SES could not be reached in time (rather than refusing the mail).
    unavailable: bool,
}

impl MailError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            unavailable: false,
        }
    }

    fn sdk<E, R>(err: aws_sdk_sesv2::error::SdkError<E, R>) -> Self
    where
        E: std::error::Error + 'static,
        R: std::fmt::Debug,
    {
        use aws_sdk_sesv2::error::SdkError;
        Self {
            unavailable: matches!(
                err,
                SdkError::TimeoutError(_) | SdkError::DispatchFailure(_)
            ),
            message: domain::error_chain(&err),
        }
    }

    /// Whether SES could not be reached in time: trying again later may work.
    pub fn is_unavailable(&self) -> bool {
        self.unavailable
    }
}

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
        let sdk = aws::sdk_config(
            &ses.region,
            domain::limits::SES_TIMEOUTS,
            ses.endpoint.as_deref(),
        )
        .await;
        Self::Ses {
            client: aws_sdk_sesv2::Client::new(&sdk),
            sender: ses.sender.clone(),
        }
    }

    /// Whether SES answers, for the health check: GetAccount, which reads and sends nothing.
    /// Mail that goes to the log has nothing to reach, so it is always fine.
    pub async fn ping(&self) -> Result<(), MailError> {
        match self {
            Self::Log => Ok(()),
            Self::Ses { client, .. } => client
                .get_account()
                .send()
                .await
                .map(|_| ())
                .map_err(MailError::sdk),
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
                        .map_err(|e| MailError::new(e.to_string()))
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
                    .map_err(MailError::sdk)?;
                tracing::info!(
                    message_id = sent.message_id().unwrap_or_default(),
                    "mail sent"
                );
                Ok(())
            }
        }
    }
}
