// The static Python import walker lives in the SDK so reproducer plugins use the same one as the engine.
export {walkPythonImports, scanPythonImports} from '@sei/sdk'
export type {PythonImport, PythonModule, PythonWalk, PythonWalkOptions} from '@sei/sdk'
export {undeclaredImportWarnings} from './undeclared-imports.js'
