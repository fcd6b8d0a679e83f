package io.liveroom.oidc;

/** What a provider's discovery document ({@code /.well-known/openid-configuration}) tells us. */
record ProviderMetadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {
}
