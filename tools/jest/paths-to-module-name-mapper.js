// tsconfig "paths" -> Jest moduleNameMapper, so tests resolve workspace libs exactly as tsc does.
const path = require('node:path');

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

exports.pathsToModuleNameMapper = (paths, rootDir) =>
  Object.fromEntries(
    Object.entries(paths).map(([alias, [target]]) => [
      `^${escapeRegExp(alias)}$`,
      path.join(rootDir, target),
    ]),
  );
