// Renders the node's own OpenAPI document with Swagger UI (served from its webjar, not a CDN).
// A classic script, loaded after swagger-ui-bundle.js, as the bundle defines a global.
window.addEventListener('DOMContentLoaded', () => {
  window.SwaggerUIBundle({
    url: '/api/v1/openapi.yaml',
    dom_id: '#swagger',
    deepLinking: true,
    tryItOutEnabled: false,
    // Over a hundred operations: rendering every tag expanded stalls the page, so tags start
    // collapsed (a click or a deep link opens one) and a filter box finds an operation by tag.
    docExpansion: 'none',
    filter: true,
  });
});
