package org.labelcrew.account;

import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.Page;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account administration. Managers may list accounts to add project members, and see only those people, without
 * contact details (AccountService#list); only admins see everything and change accounts.
 */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    Page<Account> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit) {
        if (!user.canManageProjects()) throw ApiException.forbidden("Only administrators and managers list accounts");
        return accounts.list(after, limit, user);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Account create(@AuthenticationPrincipal CurrentUser user, @RequestBody AccountService.NewAccount body) {
        requireAdmin(user);
        return accounts.create(body);
    }

    @GetMapping("/{id}")
    Account get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        if (!user.canManageProjects() && user.id() != id) throw ApiException.forbidden("You may only read your own account");
        return accounts.get(id, user);
    }

    @PatchMapping("/{id}")
    Account update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody AccountService.AccountChange body) {
        requireAdmin(user);
        return accounts.update(id, body, user);
    }

    private static void requireAdmin(CurrentUser user) {
        if (!user.isAdmin()) throw ApiException.forbidden("Only administrators manage accounts");
    }
}
