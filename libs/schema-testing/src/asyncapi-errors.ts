/**
 * What the AsyncAPI initiative's own parser refuses in a document, the way a consumer's tooling (code
 * generators, Studio) reads it: its diagnostics of severity error (the specification's JSON Schema,
 * bindings, unresolvable `$ref`s, operations naming messages their channel lacks), as
 * `<path>: <message> (<rule>)` lines; empty when it parses. Warnings and hints are style advice.
 */
export async function asyncApiErrors(document: string | object): Promise<string[]> {
  // Loaded on first use: the parser brings Spectral, which the record checks of this library never need.
  const { DiagnosticSeverity, Parser } = await import('@asyncapi/parser');
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  const { diagnostics } = await new Parser().parse(text);
  return diagnostics
    .filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error)
    .map(
      (diagnostic) =>
        `${['$', ...diagnostic.path].join('.')}: ${diagnostic.message} (${String(diagnostic.code)})`,
    );
}
