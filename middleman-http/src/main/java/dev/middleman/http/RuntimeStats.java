package dev.middleman.http;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM's figures for {@code GET /stats}: {@code jvm_*} fields, and beside them the names that
 * monitoring plugins for Go's golang-stats-api-handler read, where the JVM has an honest
 * equivalent. The per-second GC rates cover the time since the previous call, as in Go.
 */
final class RuntimeStats {

  private final Clock clock;
  private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
  private final List<GarbageCollectorMXBean> collectors =
      ManagementFactory.getGarbageCollectorMXBeans();
  private long lastSampleNanos;
  private long lastGcCount;
  private long lastGcMillis;

  RuntimeStats(Clock clock) {
    this.clock = clock;
    this.lastSampleNanos = System.nanoTime() - runtime.getUptime() * 1_000_000;
  }

  synchronized Map<String, Object> snapshot() {
    MemoryUsage heap = memory.getHeapMemoryUsage();
    MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean collector : collectors) {
      gcCount += Math.max(0, collector.getCollectionCount());
      gcMillis += Math.max(0, collector.getCollectionTime());
    }
    long now = System.nanoTime();
    double seconds = Math.max(1e-9, (now - lastSampleNanos) / 1e9);
    double gcPerSecond = (gcCount - lastGcCount) / seconds;
    double gcPausePerSecond = (gcMillis - lastGcMillis) / seconds;
    lastSampleNanos = now;
    lastGcCount = gcCount;
    lastGcMillis = gcMillis;
    int cpus = Runtime.getRuntime().availableProcessors();
    Instant time = clock.instant();

    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("jvm_version", runtime.getVmVersion());
    stats.put("jvm_vendor", runtime.getVmVendor());
    stats.put("jvm_uptime_ms", runtime.getUptime());
    stats.put("jvm_cpu_count", cpus);
    stats.put("jvm_threads_live", threads.getThreadCount());
    stats.put("jvm_threads_daemon", threads.getDaemonThreadCount());
    stats.put("jvm_threads_peak", threads.getPeakThreadCount());
    stats.put("jvm_heap_used_bytes", heap.getUsed());
    stats.put("jvm_heap_committed_bytes", heap.getCommitted());
    stats.put("jvm_heap_max_bytes", heap.getMax());
    stats.put("jvm_nonheap_used_bytes", nonHeap.getUsed());
    stats.put("jvm_nonheap_committed_bytes", nonHeap.getCommitted());
    stats.put("jvm_gc_count", gcCount);
    stats.put("jvm_gc_pause_ms", gcMillis);
    stats.put("jvm_classes_loaded", classes.getLoadedClassCount());
    stats.put("jvm_classes_loaded_total", classes.getTotalLoadedClassCount());
    // the Go names
    stats.put("time", time.getEpochSecond() * 1_000_000_000L + time.getNano());
    stats.put("cpu_num", cpus);
    stats.put("goroutine_num", threads.getThreadCount());
    stats.put("memory_alloc", heap.getUsed());
    stats.put("heap_alloc", heap.getUsed());
    stats.put("heap_sys", heap.getCommitted());
    stats.put("gc_num", gcCount);
    stats.put("gc_pause", gcMillis);
    stats.put("gc_per_second", gcPerSecond);
    stats.put("gc_pause_per_second", gcPausePerSecond);
    return stats;
  }
}
