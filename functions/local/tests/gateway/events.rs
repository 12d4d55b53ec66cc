//! Realtime events reach exactly the people who may see them, through the real REST routes and
//! real WebSockets.
