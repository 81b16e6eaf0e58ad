/** Failure analyzers that explain clamator startup failures. */
package io.clamator.boot.autoconfigure.diagnostics;
