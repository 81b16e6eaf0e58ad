/** Answers web requests failed by clamator calls with RFC 9457 problem details. */
package io.clamator.boot.autoconfigure.web;
