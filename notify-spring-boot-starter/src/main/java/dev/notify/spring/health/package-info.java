/**
 * The {@code notify} health indicator: the channel layer's readiness in Spring Boot's health endpoint.
 */
package dev.notify.spring.health;
