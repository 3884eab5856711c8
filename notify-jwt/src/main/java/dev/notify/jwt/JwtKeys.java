package dev.notify.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads verification keys from PEM and JWKS files with the JDK and nimbus; no crypto of its own. */
final class JwtKeys {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private JwtKeys() {
    }

    /**
     * @return the public keys of a PEM file: {@code PUBLIC KEY} blocks (RSA or EC) and
     *     {@code CERTIFICATE} blocks
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    static JWKSet fromPem(Path file) {
        String text = read(file);
        List<JWK> keys = new ArrayList<>();
        Matcher block = PEM.matcher(text);
        while (block.find()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            try {
                PublicKey key = switch (block.group(1)) {
                    case "PUBLIC KEY" -> publicKey(der);
                    case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                    default -> throw new IllegalArgumentException(file + " holds a " + block.group(1)
                            + "; give the PUBLIC KEY or CERTIFICATE of the key that signs the tokens");
                };
                keys.add(jwk(key, file));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(file + " holds an unreadable " + block.group(1) + ": " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM block; expected -----BEGIN PUBLIC KEY----- or -----BEGIN CERTIFICATE-----");
        }
        return new JWKSet(keys);
    }

    /**
     * @return the public keys of a JWKS file ({@code {"keys": [...]}})
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    static JWKSet fromJwks(Path file) {
        try {
            JWKSet set = JWKSet.parse(read(file)).toPublicJWKSet();
            if (set.getKeys().isEmpty()) {
                throw new IllegalArgumentException(file + " holds no public key");
            }
            return set;
        } catch (ParseException e) {
            throw new IllegalArgumentException(file + " is not a JWKS document: " + e.getMessage(), e);
        }
    }

    /** @return the algorithm tokens signed by this key use: RS256 for RSA, ES256 for P-256 */
    static JWSAlgorithm algorithm(JWK key) {
        if (key instanceof RSAKey) {
            return JWSAlgorithm.RS256;
        }
        if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return JWSAlgorithm.ES256;
        }
        throw new IllegalArgumentException("key " + key.getKeyID() + " is a " + key.getKeyType()
                + (key instanceof ECKey ec ? " on " + ec.getCurve() : "") + "; RS256 (RSA) and ES256 (EC P-256) keys are supported");
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static JWK jwk(PublicKey key, Path file) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
        }
        throw new IllegalArgumentException(file + " holds a " + key.getAlgorithm() + " key; RSA and EC keys are supported");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + file + ": " + e, e);
        }
    }
}
