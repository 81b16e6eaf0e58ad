package io.clamator.boot.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Bootstraps {@link ClamatorTest @ClamatorTest} tests. */
class ClamatorTestContextBootstrapper extends TestSliceTestContextBootstrapper<ClamatorTest> {
}
