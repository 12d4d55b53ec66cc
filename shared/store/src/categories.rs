//! A user's sidebar categories (`USER#<uid>` / `CATEGORY#<id>`), with a name lock per user
//! (`CATEGORYNAME#<lower-cased name>`) written in the same transaction, so two requests can never
//! make two categories of one name.

use aws_sdk_dynamodb::types::{AttributeValue, Delete, TransactWriteItem, Update};
use domain::sidebar::{Category, CategoryName};
use domain::{CategoryId, Timestamp, UserId};

use crate::items::{item, key, parse, s};
use crate::keys::{self, PK, SK};
use crate::tx::{self, Failed};
use crate::{Store, StoreError, paging};

#[derive(Clone, Copy)]
pub struct Categories<'a>(pub(crate) &'a Store);

#[derive(Debug, PartialEq)]
pub enum Change {
    Done(Category),
    NameTaken,
    NotFound,
}

fn codec(e: impl std::fmt::Display) -> StoreError {
    StoreError::Codec(e.to_string())
}

impl Categories<'_> {
    fn name_lock(user: UserId, name: &CategoryName, id: CategoryId) -> crate::items::Item {
        let mut lock = key(keys::user(user), keys::category_name(&name.folded()));
        lock.insert("categoryID".into(), s(id.to_string()));
        lock
    }

    fn release(
        &self,
        user: UserId,
        name: &str,
        id: CategoryId,
    ) -> Result<TransactWriteItem, StoreError> {
        let folded = name.to_lowercase();
        let delete = Delete::builder()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), keys::category_name(&folded))))
            .condition_expression("categoryID = :id")
            .expression_attribute_values(":id", s(id.to_string()))
            .build()
            .map_err(codec)?;
        Ok(TransactWriteItem::builder().delete(delete).build())
    }

    /// The user's categories by position.
    pub async fn list(self, user: UserId) -> Result<Vec<Category>, StoreError> {
        let query = self.0.prefix_query(keys::user(user), keys::CATEGORY_PREFIX);
        let mut categories: Vec<Category> = paging::all(query)
            .await?
            .into_iter()
            .map(parse)
            .collect::<Result<_, _>>()?;
        categories.sort_by(|a, b| a.position.total_cmp(&b.position).then(a.id.cmp(&b.id)));
        Ok(categories)
    }

    pub async fn get(self, user: UserId, id: CategoryId) -> Result<Option<Category>, StoreError> {
        let found = self
            .0
            .get_item(key(keys::user(user), keys::category(id)))
            .await?;
        found.map(parse).transpose()
    }

    pub async fn create(
        self,
        user: UserId,
        name: &CategoryName,
        position: f64,
    ) -> Result<Change, StoreError> {
        let category = Category {
            id: CategoryId::new(),
            name: name.as_str().to_string(),
            position,
            created_at: Timestamp::now(),
        };
        let table = self.0.table();
        let row = item(
            &category,
            &[(PK, keys::user(user)), (SK, keys::category(category.id))],
        )?;
        let writes = vec![
            tx::put_new(table, row)?,
            tx::put_new(table, Self::name_lock(user, name, category.id))?,
        ];
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok(Change::Done(category)),
            Err(Failed(_)) => Ok(Change::NameTaken),
        }
    }

    /// Renames and/or moves a category; a rename moves its name lock in the same transaction.
    pub async fn update(
        self,
        user: UserId,
        current: &Category,
        name: Option<&CategoryName>,
        position: Option<f64>,
    ) -> Result<Change, StoreError> {
        let table = self.0.table();
        let mut sets = Vec::new();
        let mut update = Update::builder()
            .table_name(table)
            .set_key(Some(key(keys::user(user), keys::category(current.id))))
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK);
        let mut writes = Vec::new();
        if let Some(name) = name {
            sets.push("#name = :name");
            update = update
                .expression_attribute_names("#name", "name")
                .expression_attribute_values(":name", s(name.as_str()));
            if name.folded() != current.name.to_lowercase() {
                writes.push(tx::put_new(table, Self::name_lock(user, name, current.id))?);
                writes.push(self.release(user, &current.name, current.id)?);
            }
        }
        if let Some(position) = position {
            sets.push("#position = :position");
            update = update
                .expression_attribute_names("#position", "position")
                .expression_attribute_values(":position", AttributeValue::N(position.to_string()));
        }
        if sets.is_empty() {
            return Ok(Change::Done(current.clone()));
        }
        let update = update
            .update_expression(format!("SET {}", sets.join(", ")))
            .build()
            .map_err(codec)?;
        writes.insert(0, TransactWriteItem::builder().update(update).build());
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok(match self.get(user, current.id).await? {
                Some(category) => Change::Done(category),
                None => Change::NotFound,
            }),
            Err(Failed(0)) => Ok(Change::NotFound),
            Err(Failed(_)) => Ok(Change::NameTaken),
        }
    }

    /// Deletes a category and frees its name. Rows still pointing at it show as uncategorised.
    pub async fn delete(self, user: UserId, current: &Category) -> Result<bool, StoreError> {
        let delete = Delete::builder()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), keys::category(current.id))))
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .build()
            .map_err(codec)?;
        let writes = vec![
            TransactWriteItem::builder().delete(delete).build(),
            self.release(user, &current.name, current.id)?,
        ];
        Ok(tx::write(self.0, writes).await?.is_ok())
    }
}
