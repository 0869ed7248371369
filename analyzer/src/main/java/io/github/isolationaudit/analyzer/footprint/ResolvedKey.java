package io.github.isolationaudit.analyzer.footprint;

import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Scope;

/** A key recovered from a value, with the scope the value gives it. */
record ResolvedKey(Key key, Scope scope, Confidence confidence, String note) {}
