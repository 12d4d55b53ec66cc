//! The sidebar: what `read` gathers, the user's own membership settings and read points, and
//! their categories.

mod categories;
mod memberships;
mod read;

use domain::UserId;
use domain::sidebar::{Category, CategoryName};
use store::Store;
use store::categories::Change;

/// A category name the test knows is valid.
pub(super) fn name(raw: &str) -> CategoryName {
    CategoryName::parse(raw).unwrap()
}

/// A new category of `user`'s (the test expects it to be made).
pub(super) async fn create_category(
    store: &Store,
    user: UserId,
    raw: &str,
    position: f64,
) -> Category {
    match store
        .categories()
        .create(user, &name(raw), position)
        .await
        .unwrap()
    {
        Change::Done(category) => category,
        other => panic!("creating {raw:?}: {other:?}"),
    }
}
