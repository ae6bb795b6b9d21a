// GoogleMock on the student's own functions, the C++ answer to Python's patch('module.func'): the code under
// test receives what it calls (a std::function, a virtual interface) and the test hands it a GoogleMock double.
// README's "Mocking the student's own functions" shows this code; keep the two the same.
#include <functional>
#include <string>
#include <vector>

#include <gmock/gmock.h>

#include <testkit/testkit.hpp>

#include "support/inner_test.hpp"

namespace {

using testkit::selftest::failure_text;
using testkit::selftest::run_inner;

// The code under test takes what it calls as a parameter:
int total_price(const std::vector<std::string>& items, const std::function<int(const std::string&)>& price_of) {
  int total = 0;
  for (const std::string& item : items) total += price_of(item);
  return total;
}

class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual bool send(const std::string& to, const std::string& text) = 0;
};

/// Mails each user a reminder; returns the users it could not reach.
std::vector<std::string> remind_all(const std::vector<std::string>& users, Mailer& mailer) {
  std::vector<std::string> missed;
  for (const std::string& user : users)
    if (!mailer.send(user, "Your assignment is due on Friday.")) missed.push_back(user);
  return missed;
}

// The tests:
class MockMailer : public Mailer {
 public:
  MOCK_METHOD(bool, send, (const std::string& to, const std::string& text), (override));
};

TK_TEST(Shop, asks_the_price_of_each_item) {
  testing::MockFunction<int(const std::string&)> price_of;  // patch('shop.price_of')
  EXPECT_CALL(price_of, Call("apple")).WillOnce(testing::Return(3));
  EXPECT_CALL(price_of, Call("pear")).WillOnce(testing::Return(4));
  TK_EXPECT_EQ(total_price({"apple", "pear"}, price_of.AsStdFunction()), 7);
}

TK_TEST(Reminders, mails_every_user_and_reports_who_was_not_reached) {
  testing::StrictMock<MockMailer> mailer;
  EXPECT_CALL(mailer, send("ada", testing::HasSubstr("due"))).WillOnce(testing::Return(false));
  EXPECT_CALL(mailer, send("bob", testing::HasSubstr("due"))).WillOnce(testing::Return(true));
  TK_EXPECT_EQ(remind_all({"ada", "bob"}, mailer), std::vector<std::string>{"ada"});
}

// The same doubles catch wrong code: a failure GoogleMock reports fails the test that made the double.
TK_TEST(OwnFunctions, a_call_the_test_did_not_expect_fails_the_test) {
  const auto result = run_inner([] {
    testing::MockFunction<int(const std::string&)> price_of;
    EXPECT_CALL(price_of, Call("apple")).WillOnce(testing::Return(3));
    (void)total_price({"apple", "apple"}, price_of.AsStdFunction());  // asks twice
  });
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_EXPECT_CONTAINS(failure_text(result), "called more times than expected");
}

TK_TEST(OwnFunctions, an_expected_call_that_never_came_fails_the_test) {
  const auto result = run_inner([] {
    testing::StrictMock<MockMailer> mailer;
    EXPECT_CALL(mailer, send("ada", testing::_)).WillOnce(testing::Return(true));
    (void)remind_all({}, mailer);
  });
  TK_EXPECT(result.verdict == testkit::Verdict::failed);
  TK_EXPECT_CONTAINS(failure_text(result), "Actual function call count doesn't match");
}

}  // namespace
