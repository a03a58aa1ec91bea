/**
 * Pay: per-project rate cards (versioned; the version in force when work is approved is the one used), the
 * append-only ledger of earnings (written when review approves work or decides, and for gold answers when the card
 * pays them), manual adjustments, monthly statements with Korean withholding for freelancers' business income, the
 * payout batch file, and each worker's own earnings. Listens to review's and task's events; nothing depends on it.
 */
package org.labelcrew.pay;
