// The API docs page: Swagger UI over the server's own OpenAPI document. A file, not an inline script, so the
// page runs under the same Content-Security-Policy as the app.
window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
