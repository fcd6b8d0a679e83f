package io.liveroom.push;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

/** The parts of a Google service-account JSON file that FCM's OAuth2 flow needs. */
record FcmCredentials(String clientEmail, String keyId, PrivateKey privateKey, String tokenUri) {
  static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

  /** Reads the file (blocking: the capability is built on a worker); fails boot with what is wrong. */
  static FcmCredentials read(String file) {
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(Path.of(file)));
    } catch (IOException | DecodeException e) {
      throw new IllegalStateException("push.fcm.credentialsFile " + file + " cannot be read as JSON: " + e.getMessage(), e);
    }
    String email = json.getString("client_email");
    String pem = json.getString("private_key");
    if (email == null || pem == null) {
      throw new IllegalStateException("push.fcm.credentialsFile " + file
        + " is not a service-account key (client_email and private_key are required)");
    }
    return new FcmCredentials(email, json.getString("private_key_id"),
      PemKeys.privateKey(pem, "RSA", "push.fcm.credentialsFile private_key"),
      json.getString("token_uri", DEFAULT_TOKEN_URI));
  }
}
