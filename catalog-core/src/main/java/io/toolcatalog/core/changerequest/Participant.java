package io.toolcatalog.core.changerequest;

/**
 * Who acts on a change request: a principal's name, whether its role may approve ({@code approver}
 * or {@code admin}) and whether it is an admin.
 */
public record Participant(String name, boolean approver, boolean admin) {}
