//! Roles and account status: what an admin (or the operator, for a workspace left without an
//! admin) changes about an account, each checked in the same transaction as the change.

use aws_sdk_dynamodb::types::{ConditionCheck, TransactWriteItem, Update};
use domain::UserId;
use domain::user::User;

use super::{Users, codec};
use crate::items::key;
use crate::keys::{self, PROFILE};
use crate::{StoreError, tx};

impl Users<'_> {
    /// Sets an account's status. `false` when there is no such account.
    pub async fn set_status(
        self,
        id: UserId,
        status: domain::user::UserStatus,
    ) -> Result<bool, StoreError> {
        let result = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(id), PROFILE)))
            .update_expression("SET #status = :status")
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":status", serde_dynamo::to_attribute_value(status)?)
            .return_values(aws_sdk_dynamodb::types::ReturnValue::AllNew)
            .send()
            .await;
        Ok(crate::items::updated::<User>(result)?.is_some())
    }

    /// Gives `user` the role `role`, as `admin` asks, in one transaction that also checks that
    /// `admin` is still an active system admin (two admins demoting each other at once leave
    /// one admin, not none) and that a password account is never made more than a guest.
    /// `Ok(false)` when a check failed or there is no such user.
    pub async fn set_role(
        self,
        admin: UserId,
        user: UserId,
        role: domain::user::Role,
    ) -> Result<bool, StoreError> {
        let writes = vec![
            self.still_admin(admin)?,
            TransactWriteItem::builder()
                .update(self.role_update(user, role)?)
                .build(),
        ];
        Ok(tx::write(self.0, writes).await?.is_ok())
    }

    /// Makes `user` a system admin on an operator's say-so (the `migrate grant-admin` command,
    /// for a workspace left without one), with no admin to check. Password accounts still stay
    /// guests. `Ok(false)` when that refused it or there is no such user.
    pub async fn grant_admin_as_operator(self, user: UserId) -> Result<bool, StoreError> {
        let writes = vec![
            TransactWriteItem::builder()
                .update(self.role_update(user, domain::user::Role::Admin)?)
                .build(),
        ];
        Ok(tx::write(self.0, writes).await?.is_ok())
    }

    /// Sets the role of an existing user; a password account's only while it stays a guest.
    fn role_update(self, user: UserId, role: domain::user::Role) -> Result<Update, StoreError> {
        let update = Update::builder()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), PROFILE)))
            .update_expression("SET #role = :role")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_names("#role", "role")
            .expression_attribute_values(":role", serde_dynamo::to_attribute_value(role)?);
        let update = if role == domain::user::Role::Guest {
            update.condition_expression("attribute_exists(#pk)")
        } else {
            update
                .condition_expression(
                    "attribute_exists(#pk) AND (attribute_not_exists(#provider) OR #provider <> :password)",
                )
                .expression_attribute_names("#provider", "provider")
                .expression_attribute_values(
                    ":password",
                    serde_dynamo::to_attribute_value(domain::user::AuthProvider::Password)?,
                )
        };
        update.build().map_err(codec)
    }

    /// Sets `user`'s status, as `admin` asks: only while `admin` is an active system admin and
    /// `user` is not one (an admin is demoted first). `Ok(false)` when a check failed or there
    /// is no such user.
    pub async fn change_status(
        self,
        admin: UserId,
        user: UserId,
        status: domain::user::UserStatus,
    ) -> Result<bool, StoreError> {
        let update = Update::builder()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), PROFILE)))
            .update_expression("SET #status = :status")
            .condition_expression("attribute_exists(#pk) AND #role <> :admin")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_names("#role", "role")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":status", serde_dynamo::to_attribute_value(status)?)
            .expression_attribute_values(
                ":admin",
                serde_dynamo::to_attribute_value(domain::user::Role::Admin)?,
            )
            .build()
            .map_err(codec)?;
        let writes = vec![
            self.still_admin(admin)?,
            TransactWriteItem::builder().update(update).build(),
        ];
        Ok(tx::write(self.0, writes).await?.is_ok())
    }

    /// A transaction step that holds only while `admin` is an active system admin.
    fn still_admin(self, admin: UserId) -> Result<TransactWriteItem, StoreError> {
        let check = ConditionCheck::builder()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(admin), PROFILE)))
            .condition_expression("#role = :admin AND #status = :active")
            .expression_attribute_names("#role", "role")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(
                ":admin",
                serde_dynamo::to_attribute_value(domain::user::Role::Admin)?,
            )
            .expression_attribute_values(
                ":active",
                serde_dynamo::to_attribute_value(domain::user::UserStatus::Active)?,
            )
            .build()
            .map_err(codec)?;
        Ok(TransactWriteItem::builder().condition_check(check).build())
    }
}
