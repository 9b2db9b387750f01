package io.toolcatalog.node.robustness;

/**
 * The faults that reach nodes through their data and their consumers rather than their
 * infrastructure: hand edits and bad rows in SQL, forged channel messages, stalled readers, bursts
 * of consumer names.
 */
record CatalogFaults(HandEditor editor, ForgedMessages forged, StalledReaders stalled, ConsumerBurst burst) {}
