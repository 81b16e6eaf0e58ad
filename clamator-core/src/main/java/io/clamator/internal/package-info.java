/** Helpers the clamator modules share. Not API: may change without notice. */
package io.clamator.internal;
