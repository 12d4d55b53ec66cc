use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};

/// What a repository can report. Conflicts and absences are answers, not failures; everything
/// else is an internal error carrying its cause for the logs.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("dynamodb {operation}: {message}")]
    Dynamo {
        operation: &'static str,
        message: String,
    },
    /// DynamoDB could not be reached in time, or throttled us: trying again later may work.
    #[error("dynamodb {operation} unavailable: {message}")]
    Unavailable {
        operation: &'static str,
        message: String,
    },
    #[error("item could not be read or written: {0}")]
    Codec(String),
}

impl StoreError {
    pub(crate) fn dynamo<E, R>(operation: &'static str, err: SdkError<E, R>) -> Self
    where
        E: std::error::Error + ProvideErrorMetadata + 'static,
        R: std::fmt::Debug,
    {
        let message = match &err {
            SdkError::ServiceError(service) => domain::error_chain(service.err()),
            other => domain::error_chain(other),
        };
        // A condition that did not hold is an answer (a conflict the caller handles), not a
        // failure of DynamoDB: only the rest count in the DynamoDbErrors metric.
        let code = err.as_service_error().and_then(|e| e.code());
        if !matches!(
            code,
            Some("ConditionalCheckFailedException" | "TransactionCanceledException")
        ) {
            metrics::count(metrics::Metric::DynamoDbErrors, 1);
        }
        if passing(&err) {
            Self::Unavailable { operation, message }
        } else {
            Self::Dynamo { operation, message }
        }
    }
}

impl From<serde_dynamo::Error> for StoreError {
    fn from(err: serde_dynamo::Error) -> Self {
        Self::Codec(err.to_string())
    }
}

/// Whether a conditional write was refused because its condition did not hold.
pub(crate) fn condition_failed<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> bool {
    err.as_service_error().and_then(|e| e.code()) == Some("ConditionalCheckFailedException")
}

/// A conditional write's output, or `None` when its condition did not hold: an answer the
/// caller handles, not a failure.
pub(crate) fn unless_condition_failed<T, E, R>(
    operation: &'static str,
    result: Result<T, SdkError<E, R>>,
) -> Result<Option<T>, StoreError>
where
    E: std::error::Error + ProvideErrorMetadata + 'static,
    R: std::fmt::Debug,
{
    match result {
        Ok(out) => Ok(Some(out)),
        Err(e) if condition_failed(&e) => Ok(None),
        Err(e) => Err(StoreError::dynamo(operation, e)),
    }
}

/// Whether the failure says nothing about the request, only that DynamoDB could not answer it
/// now: a timeout, no connection, throttling, or a 5xx.
fn passing<E, R>(err: &SdkError<E, R>) -> bool
where
    E: ProvideErrorMetadata,
{
    match err {
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            true
        }
        SdkError::ServiceError(service) => matches!(
            service.err().code(),
            Some(
                "ProvisionedThroughputExceededException"
                    | "RequestLimitExceeded"
                    | "ThrottlingException"
                    | "InternalServerError"
                    | "ServiceUnavailable"
            )
        ),
        _ => false,
    }
}
