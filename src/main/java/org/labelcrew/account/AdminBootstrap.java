package org.labelcrew.account;

import java.security.SecureRandom;
import java.util.EnumSet;
import org.labelcrew.shared.AdvisoryLock;
import org.labelcrew.shared.LabelCrewProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first start creates the first administrator: with LABELCREW_ADMIN_PASSWORD when given, otherwise with a
 * generated password printed once to the log.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountService accounts;
    private final JdbcClient jdbc;
    private final LabelCrewProperties props;
    private final TransactionTemplate tx;

    AdminBootstrap(AccountService accounts, JdbcClient jdbc, LabelCrewProperties props, TransactionTemplate tx) {
        this.tx = tx;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.props = props;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> createFirstAdmin());
    }

    private void createFirstAdmin() {
        // One instance creates the admin even when several start at once on an empty database.
        AdvisoryLock.ADMIN_BOOTSTRAP.lock(jdbc, 0);
        boolean anyAdmin = jdbc.sql("SELECT exists(SELECT 1 FROM account WHERE 'ADMIN' = ANY (roles))")
                .query(Boolean.class).single();
        if (anyAdmin) return;
        String password = props.admin().password();
        boolean generated = password == null || password.isBlank();
        if (generated) password = generate();
        String username = props.admin().usernameOrDefault();
        // A generated password was printed to the log: its owner must replace it at the first sign-in.
        accounts.create(new AccountService.NewAccount(username, password, "Administrator", null, null,
                EnumSet.of(Role.ADMIN, Role.MANAGER)), generated);
        if (generated) {
            log.warn("\n\n  LabelCrew first administrator: username '{}', password '{}'\n  (shown once; change it after signing in)\n",
                    username, password);
        } else {
            log.info("Created the first administrator '{}' with the password from LABELCREW_ADMIN_PASSWORD", username);
        }
    }

    private static String generate() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }
}
