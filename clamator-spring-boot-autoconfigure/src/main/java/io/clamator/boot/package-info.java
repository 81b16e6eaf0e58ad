/** Annotations for Spring applications that serve and call clamator contracts. */
package io.clamator.boot;
