package org.saola.web.admin;

import java.util.List;
import org.saola.platform.retention.RetentionJob;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators see how long each category of data is kept and what the last run of its rule removed. */
@RestController
class RetentionController {

    private final RetentionJob retention;

    RetentionController(RetentionJob retention) {
        this.retention = retention;
    }

    @GetMapping("/api/v1/retention")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    List<RetentionJob.Category> categories() {
        return retention.categories();
    }
}
