/**
 * Spring Security integration: the user logged in to the HTTP session becomes the WebSocket's user.
 */
package dev.notify.spring.security;
