/**
 * The notification app's storage through plain JDBC: an embedded H2 file database by default,
 * PostgreSQL when given a {@code jdbc:postgresql:} URL. The schema is created on first start.
 */
package dev.notify.examples.notifications.store;
