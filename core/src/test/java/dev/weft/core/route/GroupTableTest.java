package dev.weft.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GroupTableTest {
    private final GroupTable<String> table = new GroupTable<>();

    private List<String> members(String group) {
        List<String> out = new ArrayList<>();
        int n = table.forEachMember(group, out::add);
        assertThat(n).isEqualTo(out.size());
        return out;
    }

    @Test
    @DisplayName("RFC 48: RADIO SHALL perform a group membership check using exact matching")
    void shouldMatchGroupsExactlyNotByPrefix() {
        table.join("weather", "a");
        table.join("weather/eu", "b");

        assertThat(members("weather")).containsExactly("a");
        assertThat(members("weather/eu")).containsExactly("b");
        assertThat(members("weath")).isEmpty();
        assertThat(members("weather/")).isEmpty();
        assertThat(members("")).isEmpty();
    }

    @Test
    void shouldCountAJoinOnceAndEndItWithOneLeave() {
        assertThat(table.join("g", "a")).isTrue();
        assertThat(table.join("g", "a")).isFalse();
        assertThat(members("g")).containsExactly("a");

        assertThat(table.leave("g", "a")).isTrue();
        assertThat(table.leave("g", "a")).isFalse();
        assertThat(members("g")).isEmpty();
        assertThat(table.groupCount()).isZero();
    }

    @Test
    void shouldIgnoreALeaveOfAGroupNeverJoined() {
        table.join("g", "a");

        assertThat(table.leave("h", "a")).isFalse();
        assertThat(table.leave("g", "b")).isFalse();
        assertThat(members("g")).containsExactly("a");
    }

    @Test
    void shouldKeepTheOtherMembersWhenOneLeavesFromTheMiddle() {
        for (String m : List.of("a", "b", "c", "d")) {
            table.join("g", m);
        }

        table.leave("g", "b");
        table.leave("g", "a");

        assertThat(members("g")).containsExactlyInAnyOrder("c", "d");
        assertThat(table.contains("g", "c")).isTrue();
        assertThat(table.contains("g", "a")).isFalse();
        table.leave("g", "d");
        table.leave("g", "c");
        assertThat(members("g")).isEmpty();
    }

    @Test
    void shouldForgetADepartedMembersGroupsAndOnlyThem() {
        table.join("x", "a");
        table.join("y", "a");
        table.join("y", "b");

        assertThat(table.removeMember("a")).isEqualTo(2);
        assertThat(table.removeMember("a")).isZero();

        assertThat(members("x")).isEmpty();
        assertThat(members("y")).containsExactly("b");
        assertThat(table.groupCount()).isEqualTo(1);
        assertThat(table.groupsOf("a")).isEmpty();
        assertThat(table.groupsOf("b")).containsExactly("y");
    }

    @Test
    void shouldHoldManyMembersPerGroupAndManyGroupsPerMember() {
        for (int m = 0; m < 100; m++) {
            for (int g = 0; g < 10; g++) {
                table.join("g" + g, "m" + m);
            }
        }
        for (int m = 0; m < 100; m += 2) {
            table.removeMember("m" + m);
        }
        for (int g = 0; g < 10; g++) {
            assertThat(members("g" + g))
                    .hasSize(50)
                    .allMatch(s -> Integer.parseInt(s, 1, s.length(), 10) % 2 == 1);
        }
        assertThat(table.groupsOf("m1")).hasSize(10);
    }

    @Test
    void shouldLookUpWithAnEqualStringNotOnlyTheSameInstance() {
        table.join(new String("g"), "a");

        assertThat(members(String.valueOf(new char[] {'g'}))).containsExactly("a");
    }
}
