package org.labelcrew.pay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.shared.ApiException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1")
class PayController {

    private final RateCards cards;
    private final Pay pay;

    PayController(RateCards cards, Pay pay) {
        this.cards = cards;
        this.pay = pay;
    }

    /** The rate card in force; 404 naming the project when it has none yet (nothing is paid until one is set). */
    @GetMapping("/projects/{id}/rate-card")
    RateCards.RateCard rateCard(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return cards.current(id, user).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Not found",
                "Project " + id + " has no rate card yet: its work is not paid until a manager sets one", null)
                .withCode("pay.noRateCard", Map.of("projectId", id)));
    }

    @PutMapping("/projects/{id}/rate-card")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = RateCards.Input.class)))
    RateCards.RateCard putRateCard(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody JsonNode body) {
        return cards.put(id, body, user);
    }

    @GetMapping("/me/earnings")
    Pay.Earnings earnings(@AuthenticationPrincipal CurrentUser user) {
        return pay.earnings(user);
    }

    @GetMapping("/pay/ledger")
    List<Pay.Entry> ledger(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long accountId,
            @RequestParam(required = false) String period) {
        return pay.ledger(accountId, period, user);
    }

    @PostMapping("/pay/adjustments")
    @ResponseStatus(HttpStatus.CREATED)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = Pay.AdjustmentInput.class)))
    Pay.Entry adjust(@AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body) {
        return pay.adjust(body, user);
    }

    /** A month's statements: JSON, or {@code format=csv|pdf}, or {@code format=payout} (the bank transfer batch). */
    @GetMapping("/pay/statements")
    @Operation(responses = @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Pay.Statements.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary"))}))
    ResponseEntity<?> statements(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String period, @RequestParam(required = false) @Nullable String format) {
        String f = format == null ? "json" : format;
        if (!List.of("json", "csv", "pdf", "payout").contains(f)) {
            throw ApiException.invalid("format: must be json, csv, pdf or payout", List.of(ApiException.FieldError.coded("format",
                    "value.oneOf", "must be json, csv, pdf or payout", "allowed", "json, csv, pdf, payout")))
                    .withCode("value.oneOf", Map.of("allowed", "json, csv, pdf, payout"));
        }
        Pay.Statements s = pay.statements(period, user);
        return switch (f) {
            case "csv" -> file(StatementFiles.csv(s), "text/csv;charset=UTF-8", "statements-" + s.period() + ".csv");
            case "payout" -> file(StatementFiles.payout(s), "text/csv;charset=UTF-8", "payout-" + s.period() + ".csv");
            case "pdf" -> file(StatementFiles.pdf(s), "application/pdf", "statements-" + s.period() + ".pdf");
            default -> ResponseEntity.ok(s);
        };
    }

    @PostMapping("/pay/statements/{period}/issue")
    Pay.Statements issue(@AuthenticationPrincipal CurrentUser user, @PathVariable String period) {
        return pay.issue(period, user);
    }

    private static ResponseEntity<byte[]> file(byte[] body, String type, String name) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(type))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }
}
