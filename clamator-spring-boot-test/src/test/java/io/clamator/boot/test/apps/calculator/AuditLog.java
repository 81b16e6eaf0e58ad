package io.clamator.boot.test.apps.calculator;

import org.springframework.stereotype.Component;

/** An ordinary component of the calculator application, which a clamator slice leaves out. */
@Component
public class AuditLog {
}
