/** Test support for clamator applications: the memory-transport swap and the {@code @ClamatorTest} slice. */
package io.clamator.boot.test.autoconfigure;
