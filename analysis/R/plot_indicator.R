#!/usr/bin/env Rscript
# Read a cwbsim results file with ncdf4 and plot one area indicator per scenario
# (mean over replicates). Debian: apt-get install r-base-core r-cran-ncdf4
# Usage: Rscript analysis/R/plot_indicator.R results/baseline.h5 [employment_rate] [out.png]
suppressPackageStartupMessages(library(ncdf4))

args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) >= 1) args[1] else "results/baseline.h5"
indicator <- if (length(args) >= 2) args[2] else "employment_rate"
out <- if (length(args) >= 3) args[3] else "indicator.png"

nc <- nc_open(path)
# R sees the axes in reverse (Fortran) order: zone x month x replicate x scenario.
x <- ncvar_get(nc, paste0("indicators/", indicator), collapse_degen = FALSE)
units <- ncatt_get(nc, paste0("indicators/", indicator), "units")$value
scenarios <- ncvar_get(nc, "indicators/scenario")
zones <- ncvar_get(nc, "indicators/zone")
days <- ncvar_get(nc, "indicators/month")
month_units <- ncatt_get(nc, "indicators/month", "units")$value  # "days since YYYY-MM-01"
nc_close(nc)

origin <- as.Date(sub("days since ", "", month_units))
months <- origin + days
all <- which(zones == "all")
# mean over replicates for the whole area: a month x scenario matrix
area <- apply(x[all, , , , drop = FALSE], c(2, 4), mean)
if (units == "1") {
  area <- area * 100
  units <- "%"
}

png(out, width = 900, height = 500)
cols <- c("#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7")
matplot(months, area, type = "l", lty = 1, lwd = 2, col = cols[seq_along(scenarios)],
        xaxt = "n", xlab = "month", ylab = paste0(indicator, " (", units, ")"),
        main = paste(indicator, "- whole area, mean over replicates"))
axis.Date(1, months)
legend("topleft", legend = scenarios, col = cols[seq_along(scenarios)], lwd = 2, bty = "n")
invisible(dev.off())
cat("wrote", out, "\n")
