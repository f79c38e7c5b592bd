import java.time.Duration;
import java.util.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every given topic to its current end with Kafka's own Java client, read_committed, and
 * prints one line per record: topic partition offset timestamp event-id. An independent reader
 * for the failover test: what any Kafka consumer sees, whatever the Node client does.
 * Usage: java -cp <kafka libs>/* ScanTopics.java <bootstrap> <topic>...
 */
public class ScanTopics {
  public static void main(String[] args) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int i = 1; i < args.length; i++)
        c.partitionsFor(args[i]).forEach(pi -> parts.add(new TopicPartition(pi.topic(), pi.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> ends = c.endOffsets(parts);
      Set<TopicPartition> open = new HashSet<>(parts);
      StringBuilder out = new StringBuilder();
      while (!open.isEmpty()) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          Header id = r.headers().lastHeader("event-id");
          out.append(r.topic()).append(' ').append(r.partition()).append(' ').append(r.offset())
              .append(' ').append(r.timestamp()).append(' ')
              .append(id == null ? "-" : new String(id.value())).append('\n');
        }
        open.removeIf(tp -> c.position(tp) >= ends.get(tp));
      }
      System.out.print(out);
    }
  }
}
