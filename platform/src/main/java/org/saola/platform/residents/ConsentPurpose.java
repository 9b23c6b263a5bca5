package org.saola.platform.residents;

import java.util.UUID;
import org.saola.platform.TenantId;

/**
 * Something a resident agrees to, for a purpose a module names (to be sent the warnings of their wards, to be told
 * what becomes of a process they follow): what it is, in both languages, and how the module stops it when the
 * resident withdraws. The module records each consent given and withdrawn through {@link ResidentConsents}.
 */
public interface ConsentPurpose {

    /** A stable name, such as {@code alerts.warnings}. */
    String id();

    String descriptionVi();

    String descriptionEn();

    /** Stops what the consent allowed (for {@code scope}, such as a process's code, or all when empty). */
    void withdraw(TenantId tenant, UUID resident, String scope);
}
