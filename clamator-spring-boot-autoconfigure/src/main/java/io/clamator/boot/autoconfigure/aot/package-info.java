/** Spring AOT and GraalVM native image support: the runtime hints of the application's contracts. */
package io.clamator.boot.autoconfigure.aot;
