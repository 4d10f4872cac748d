package io.paddock.admin.control;

import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;

/**
 * The container's executor that runs the sources of a staff search side by side, {@value #NAME}. At most
 * {@value #MAX_ASYNC} source calls run at once (each holds a database connection from the pool of 32);
 * further calls wait their turn, inside the search's deadline.
 */
@Singleton
@ManagedExecutorDefinition(name = SearchExecutor.NAME, maxAsync = SearchExecutor.MAX_ASYNC)
public class SearchExecutor {

    public static final String NAME = "java:app/concurrent/paddock-search";
    static final int MAX_ASYNC = 10;
}
