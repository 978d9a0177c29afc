package io.celestialnexus.http;

/** The body of every error answer: what went wrong, and a detail a person can act on. Never a stack trace. */
public record ApiError(String error, String detail) {}
