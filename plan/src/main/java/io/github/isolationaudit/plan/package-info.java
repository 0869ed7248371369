/**
 * The execution plan: which tests run in parallel, under which locks, in a serial lane or a JVM of
 * their own, in what order and on how many shards, with a wall time predicted from history.
 */
package io.github.isolationaudit.plan;
