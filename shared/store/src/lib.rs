//! The DynamoDB single-table store: every entity in one table, keyed by `PK`/`SK` with two GSIs.
//! `keys` owns every key pattern; each entity has its own repository module.

mod batch;
pub mod categories;
pub mod channels;
pub mod conversations;
pub mod credentials;
pub mod cursor;
pub mod drafts;
mod error;
pub mod files;
pub mod invites;
mod items;
pub mod keys;
pub mod memberships;
pub mod messages;
pub mod migrations;
mod paging;
pub mod pins;
pub mod profiles;
pub mod reactions;
pub mod revocations;
pub mod schema;
pub mod search;
pub mod sessions;
pub mod settings;
pub mod sidebar;
pub mod threads;
mod tx;
pub mod uploads;
pub mod users;
pub mod workspace;

use std::sync::Arc;

use aws_sdk_dynamodb::Client;

pub use error::StoreError;
pub use items::Item;

/// A handle on the table. Cheap to clone; build one per container and share it.
#[derive(Clone, Debug)]
pub struct Store {
    client: Client,
    table: Arc<str>,
}

impl Store {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: Arc::from(table.into()),
        }
    }

    /// Builds the SDK client: the default AWS chain in Lambda, or an explicit endpoint (DynamoDB
    /// Local) with whatever credentials the environment has. Calls are bounded by
    /// `domain::limits::DYNAMODB_TIMEOUTS`, so a hung table fails a request in seconds
    /// (`StoreError::Unavailable`).
    pub async fn connect(region: &str, endpoint: Option<&str>, table: impl Into<String>) -> Self {
        let sdk = aws::sdk_config(region, domain::limits::DYNAMODB_TIMEOUTS, endpoint).await;
        Self::new(Client::new(&sdk), table)
    }

    /// One cheap read (a key nothing has), to tell whether the table answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.get_item(items::key(keys::HEALTH_PROBE, keys::HEALTH_PROBE))
            .await
            .map(|_| ())
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The item under `key`, if any (eventually consistent).
    pub(crate) async fn get_item(
        &self,
        key: items::Item,
    ) -> Result<Option<items::Item>, StoreError> {
        self.read_item(key, false).await
    }

    /// The item under `key`, if any, read strongly consistent: what a write a moment ago left.
    pub(crate) async fn get_item_consistent(
        &self,
        key: items::Item,
    ) -> Result<Option<items::Item>, StoreError> {
        self.read_item(key, true).await
    }

    async fn read_item(
        &self,
        key: items::Item,
        consistent: bool,
    ) -> Result<Option<items::Item>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(self.table())
            .set_key(Some(key))
            .consistent_read(consistent)
            .send()
            .await
            .map_err(|e| StoreError::dynamo("GetItem", e))?;
        Ok(out.item)
    }

    /// One attribute of an item (`None` when the item or the attribute is absent); strongly
    /// consistent when `consistent`.
    pub(crate) async fn get_attribute(
        &self,
        key: items::Item,
        name: &str,
        consistent: bool,
    ) -> Result<Option<aws_sdk_dynamodb::types::AttributeValue>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(self.table())
            .set_key(Some(key))
            .projection_expression("#attribute")
            .expression_attribute_names("#attribute", name)
            .consistent_read(consistent)
            .send()
            .await
            .map_err(|e| StoreError::dynamo("GetItem", e))?;
        Ok(out.item.and_then(|mut item| item.remove(name)))
    }

    /// A Query for the items of partition `pk` whose sort key starts with `prefix`.
    pub(crate) fn prefix_query(
        &self,
        pk: String,
        prefix: &str,
    ) -> aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder {
        self.client
            .query()
            .table_name(self.table())
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_names("#sk", keys::SK)
            .expression_attribute_values(":pk", items::s(pk))
            .expression_attribute_values(":prefix", items::s(prefix))
    }

    /// Writes `item`, replacing whatever had its key.
    pub(crate) async fn put(&self, item: items::Item) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(self.table())
            .set_item(Some(item))
            .send()
            .await
            .map_err(|e| StoreError::dynamo("PutItem", e))?;
        Ok(())
    }

    /// Writes `item` only if nothing has its key yet. A write the SDK retried because its
    /// answer was lost may find its own first attempt there: that is success, not a conflict.
    pub(crate) async fn put_new(&self, item: items::Item) -> Result<(), StoreError> {
        let result = self
            .client
            .put_item()
            .table_name(self.table())
            .set_item(Some(item.clone()))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", keys::PK)
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if error::condition_failed(&e) => {
                let key = [keys::PK, keys::SK]
                    .into_iter()
                    .filter_map(|k| item.get(k).map(|v| (k.to_string(), v.clone())))
                    .collect();
                if self.get_item_consistent(key).await?.as_ref() == Some(&item) {
                    Ok(())
                } else {
                    Err(StoreError::dynamo("PutItem", e))
                }
            }
            Err(e) => Err(StoreError::dynamo("PutItem", e)),
        }
    }

    pub fn migrations(&self) -> migrations::Migrations<'_> {
        migrations::Migrations(self)
    }

    pub fn users(&self) -> users::Users<'_> {
        users::Users(self)
    }

    pub fn invites(&self) -> invites::Invites<'_> {
        invites::Invites(self)
    }

    pub fn credentials(&self) -> credentials::Credentials<'_> {
        credentials::Credentials(self)
    }

    pub fn workspace(&self) -> workspace::Workspace<'_> {
        workspace::Workspace(self)
    }

    pub fn channels(&self) -> channels::Channels<'_> {
        channels::Channels(self)
    }

    pub fn messages(&self) -> messages::Messages<'_> {
        messages::Messages(self)
    }

    pub fn sessions(&self) -> sessions::Sessions<'_> {
        sessions::Sessions(self)
    }

    pub fn revocations(&self) -> revocations::RevocationRecords<'_> {
        revocations::RevocationRecords(self)
    }

    pub fn memberships(&self) -> memberships::Memberships<'_> {
        memberships::Memberships(self)
    }

    pub fn conversations(&self) -> conversations::Conversations<'_> {
        conversations::Conversations(self)
    }

    pub fn categories(&self) -> categories::Categories<'_> {
        categories::Categories(self)
    }

    pub fn reactions(&self) -> reactions::Reactions<'_> {
        reactions::Reactions(self)
    }

    pub fn pins(&self) -> pins::Pins<'_> {
        pins::Pins(self)
    }

    pub fn drafts(&self) -> drafts::Drafts<'_> {
        drafts::Drafts(self)
    }

    pub fn settings(&self) -> settings::Settings<'_> {
        settings::Settings(self)
    }

    pub fn threads(&self) -> threads::Threads<'_> {
        threads::Threads(self)
    }

    pub fn uploads(&self) -> uploads::Uploads<'_> {
        uploads::Uploads(self)
    }

    pub fn files(&self) -> files::Files<'_> {
        files::Files(self)
    }

    pub fn sidebar(&self) -> sidebar::SidebarReader<'_> {
        sidebar::SidebarReader(self)
    }
}
