package org.socketchat.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs libSQL auth tokens the way Turso does: EdDSA JWTs over Ed25519, made with the
 * JDK alone. sqld checks them against the public key given by {@code --auth-jwt-key-file}.
 */
final class Ed25519Tokens {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final KeyPair keys;

	Ed25519Tokens() {
		try {
			this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The public key as PEM (X.509 SubjectPublicKeyInfo), the form sqld reads. */
	String publicKeyPem() {
		return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(this.keys.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
	}

	/** A read-write token that expires at the given instant. */
	String readWriteToken(Instant expiresAt) {
		String header = encode("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}");
		String claims = encode("{\"a\":\"rw\",\"exp\":" + expiresAt.getEpochSecond() + "}");
		String signed = header + "." + claims;
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(this.keys.getPrivate());
			signature.update(signed.getBytes(StandardCharsets.US_ASCII));
			return signed + "." + BASE64URL.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String json) {
		return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
