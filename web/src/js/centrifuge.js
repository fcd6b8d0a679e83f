// The centrifuge-js SDK, as web/package-lock.json pins it: the Maven build copies its ES module
// build here, under a versioned path that browsers may cache for good. Bump the version in
// web/package.json, pom.xml (centrifuge-js.version) and this line together.
export { Centrifuge } from '/vendor/centrifuge-5.8.0/index.mjs';
