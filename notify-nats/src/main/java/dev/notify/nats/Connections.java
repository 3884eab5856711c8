package dev.notify.nats;

import dev.notify.layer.ChannelLayerException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Opens the layer's NATS connection with the client settings the layer relies on. */
final class Connections {
    /** As the client's default, per attempt. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(2);

    private Connections() {
    }

    /**
     * @param options the layer's options
     * @param name the connection name the servers show (monitoring, {@code nats server report})
     * @param watch receives the connection's events
     * @return the connected connection
     * @throws ChannelLayerException naming the servers and the cause if none can be reached
     */
    static Connection open(NatsLayerOptions options, String name, ConnectionWatch watch) {
        Options.Builder builder = new Options.Builder()
                .servers(options.urls().toArray(new String[0]))
                .connectionName(name)
                // a server process outlives any outage: reconnect for ever, as Lettuce does for Redis
                .maxReconnects(-1)
                .reconnectWait(RECONNECT_WAIT)
                // fail fast while disconnected instead of replaying stale messages after the outage
                .reconnectBufferSize(0)
                // a send to a channel no process receives from fails instead of timing out
                .reportNoResponders()
                .useTimeoutException()
                .connectionListener(watch)
                .errorListener(watch);
        options.credentials().ifPresent(path -> builder.credentialPath(path.toString()));
        if (options.tlsCa().isPresent()) {
            builder.sslContext(trusting(options.tlsCa().get()));
        }
        try {
            return Nats.connect(builder.build());
        } catch (IOException | RuntimeException e) {
            String cause = String.valueOf(e.getMessage());
            String redacted = NatsLayerOptions.redact(cause);
            throw new ChannelLayerException("cannot connect to NATS at " + options.redactedUrls() + ": " + redacted
                    + "; start nats-server there or fix " + NatsLayerOptions.URL_KEY,
                    redacted.equals(cause) ? e : null); // the client's own message names the URLs with their passwords
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelLayerException("interrupted while connecting to NATS at " + options.redactedUrls(), e);
        }
    }

    /** A TLS context that trusts the certificate authorities of a PEM file, and no others. */
    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new ChannelLayerException(NatsLayerOptions.TLS_CA_KEY + "=" + pem + " holds no PEM certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ChannelLayerException("cannot read the certificate authorities of " + NatsLayerOptions.TLS_CA_KEY + "="
                    + pem + ": " + e.getMessage(), e);
        }
    }
}
