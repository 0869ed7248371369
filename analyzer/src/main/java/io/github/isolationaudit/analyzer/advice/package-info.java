/**
 * The smallest edit a maintainer would write for a finding or a marker verdict: which annotation,
 * on which class or method, at which line, in the suite's own vocabulary.
 */
package io.github.isolationaudit.analyzer.advice;
