/**
 * Web Push (RFC 8030) from the application server's side: messages encrypted for the browser (RFC 8291, the
 * {@code aes128gcm} content coding of RFC 8188) and signed for the push service (VAPID, RFC 8292). A named
 * interface of the platform module, so any module can notify a resident's browser without an account.
 */
@org.springframework.modulith.NamedInterface("webpush")
package org.saola.platform.webpush;
