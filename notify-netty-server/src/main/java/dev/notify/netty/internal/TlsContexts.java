package dev.notify.netty.internal;

import dev.notify.netty.NotifyServerOptions.TlsKeys;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;

/** Builds the server's TLS context from its keys: PEM files (the key encrypted or not) or a PKCS#12 key store. */
public final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * @param keys where the certificate chain and the private key are
     * @return the server context
     * @throws IllegalArgumentException naming the files, if they cannot be read or the password is wrong
     */
    public static SslContext server(TlsKeys keys) {
        if (keys instanceof TlsKeys.Pem pem) {
            try {
                return SslContextBuilder.forServer(pem.certificate().toFile(), pem.privateKey().toFile(), pem.password()).build();
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot load the TLS certificate " + pem.certificate() + " and key "
                        + pem.privateKey() + " (a PEM chain and a PKCS#8 key; an encrypted key, BEGIN ENCRYPTED PRIVATE KEY,"
                        + " needs its password, " + (pem.password() == null ? "which is not set" : "is it right?") + "): "
                        + e.getMessage(), e);
            }
        }
        TlsKeys.KeyStore store = (TlsKeys.KeyStore) keys;
        try (InputStream in = Files.newInputStream(store.file())) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, store.password().toCharArray());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, store.password().toCharArray());
            return SslContextBuilder.forServer(keyManagers).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the TLS key store " + store.file()
                    + " (PKCS#12 with the key and its certificate chain; is the password right?): " + e, e);
        }
    }
}
