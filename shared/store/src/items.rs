//! Helpers to build and read attribute maps.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::StoreError;
use crate::error::unless_condition_failed;
use crate::keys::{PK, SK};

pub type Item = HashMap<String, AttributeValue>;

pub fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub fn key(pk: impl Into<String>, sk: impl Into<String>) -> Item {
    HashMap::from([(PK.to_string(), s(pk)), (SK.to_string(), s(sk))])
}

/// Serialises `value` and adds the keys (and any index keys) given.
pub fn item<T: Serialize>(value: &T, keys: &[(&str, String)]) -> Result<Item, StoreError> {
    let mut item: Item = serde_dynamo::to_item(value)?;
    for (name, v) in keys {
        item.insert((*name).to_string(), s(v.clone()));
    }
    Ok(item)
}

pub fn parse<T: DeserializeOwned>(item: Item) -> Result<T, StoreError> {
    Ok(serde_dynamo::from_item(item)?)
}

/// A row read back as a type that holds its own fields only (settings documents): without
/// the table's keys.
pub fn parse_document<T: DeserializeOwned>(mut item: Item) -> Result<T, StoreError> {
    item.remove(crate::keys::PK);
    item.remove(crate::keys::SK);
    parse(item)
}

pub fn get_s<'a>(item: &'a Item, name: &str) -> Option<&'a str> {
    item.get(name)
        .and_then(|v| v.as_s().ok())
        .map(String::as_str)
}

pub fn get_n(item: &Item, name: &str) -> Option<u64> {
    item.get(name)
        .and_then(|v| v.as_n().ok())
        .and_then(|v| v.parse().ok())
}

/// The item after a conditional UpdateItem (with `ReturnValues` ALL_NEW), or `None` when the
/// condition failed.
pub fn updated<T: DeserializeOwned>(
    result: Result<
        aws_sdk_dynamodb::operation::update_item::UpdateItemOutput,
        aws_sdk_dynamodb::error::SdkError<
            aws_sdk_dynamodb::operation::update_item::UpdateItemError,
        >,
    >,
) -> Result<Option<T>, StoreError> {
    match unless_condition_failed("UpdateItem", result)? {
        Some(out) => out.attributes.map(parse).transpose(),
        None => Ok(None),
    }
}
