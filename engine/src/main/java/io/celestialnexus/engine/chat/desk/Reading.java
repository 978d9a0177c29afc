package io.celestialnexus.engine.chat.desk;

/** A traditional reading (小六壬, a hexagram, a BaZi chart) as text for a person. */
public record Reading(String title, String text) {}
