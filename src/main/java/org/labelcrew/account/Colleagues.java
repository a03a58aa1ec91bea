package org.labelcrew.account;

/**
 * Who works with whom, answered by the feature that owns project membership (project implements it; account cannot
 * call project, which depends on account). Account's SQL never names project's tables.
 */
public interface Colleagues {

    /**
     * SQL: a boolean condition, true when the account whose id {@code accountId} (a column) is a member of a project
     * that the account whose id {@code viewer} (a parameter or column) manages.
     */
    String inProjectManagedBySql(String accountId, String viewer);
}
