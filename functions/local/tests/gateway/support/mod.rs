//! The tests' vocabulary: a gateway of the test's own and the people in it (`gateway`), its
//! REST API (`rest`), what sockets receive (`frames`), channels and conversations as the event
//! tests use them (`places`), the Redis and DynamoDB a fault test breaks (`faults`), and
//! bounded waits (`wait`).

mod faults;
mod frames;
mod gateway;
mod places;
mod rest;
mod wait;

pub use faults::*;
pub use frames::*;
pub use gateway::*;
pub use places::*;
pub use rest::*;
pub use wait::*;
