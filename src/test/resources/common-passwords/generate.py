#!/usr/bin/env python3
"""Writes src/main/resources/org/labelcrew/account/common-passwords.txt: passwords people pick first.

Written out by hand for LabelCrew (no list is copied): the words and patterns that top every published
list of leaked passwords (keyboard walks, digit runs, a name or word plus a year or "123", "password"
in every dress), Korean favourites typed on a Korean keyboard in Latin letters (사랑해 → tkfkdgo), and
the patterns Korean sites warn about (qwer1234, 1q2w3e4r, asdf1234). Lower case, one a line, sorted.
The server lower-cases a candidate, and also checks it with leading digits and trailing digits or
symbols removed, so "Password2024!" is refused through "password".

Run: python3 src/test/resources/common-passwords/generate.py
"""
import itertools
import pathlib

WORDS = """
password passw0rd p@ssword p@ssw0rd pass pass1 passwd secret admin administrator root user guest login welcome
letmein changeme default master test tester testing qwerty azerty qwertz dragon monkey shadow sunshine princess
football baseball soccer hockey basketball iloveyou trustno1 superman batman spiderman starwars pokemon naruto
freedom whatever nothing computer internet samsung apple google naver daum kakao iphone galaxy lovely loveme
love lover angel angels flower flowers summer winter spring autumn cookie cheese chocolate banana orange lemon
hello hello1 helloworld hallo world money dollar killer hunter ranger soldier tiger lion eagle falcon dolphin
jordan michael jennifer jessica ashley amanda michelle daniel andrew joshua matthew thomas robert charlie
george william james david richard joseph thunder matrix mustang harley ferrari porsche corvette mercedes
blink182 metallica nirvana slipknot eminem beatles liverpool chelsea arsenal barcelona madrid juventus
maggie ginger pepper buster tigger bailey coffee sparky snoopy garfield mickey minnie hellokitty kitty
secret1 private public access control system server network database oracle mysql postgres linux ubuntu
windows microsoft office company business manager labeler reviewer trainee labelcrew label crew dataset
student teacher school college university korea korean seoul busan incheon daegu daejeon gwangju ulsan
jeju hangul hangeul hanguk daehanminguk taehan kimchi bulgogi bibimbap soju makgeolli
saranghae saranghaeyo sarang annyeong annyeonghaseyo gamsahamnida hwaiting fighting aja oppa unnie noona
hyung chingu baby babo bobo yeobo jagiya jagi wooriga uri nara minguk minsu jihun jiwoo seojun hajun
minjun doyun siwoo jiho yejun seoyeon seoyun jiwoo haeun hayoon jiyu chaewon sua jimin yuna suji
kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song yoo hong jeon
kimchi1 samsung1 lotte hyundai kia lg sk kt skt naver1 bts blackpink twice exo bigbang shinee
superstar rockstar gangnam hallyu kpop kdrama
tkfkdgo tkfkd tkfkdgody qlalfqjsgh qlalf dkssud dkssudgktpdy dkssudgktpsdy rkatkgkqslek gkrrh gksrnr
sksms wjsms dhtnl dkdlel ghkdlxld dlsmf chlrh chlrhdml rlagk rlaqkq zmffkdns zhfldk tjdnf qntks
wkd wkdrl whgdk wkf wkfgo ghkdlxld whdk wkdrkr rhksfl qkqh akstp tmfvj wlsdud dbtjd
""".split()

KEYBOARD = """
qwerty qwertyu qwertyui qwertyuiop asdfgh asdfghj asdfghjk asdfghjkl zxcvbn zxcvbnm qazwsx qazwsxedc
1qaz2wsx 1qaz2wsx3edc qwer asdf zxcv qwerasdf asdfqwer qwerasdfzxcv 1q2w3e 1q2w3e4r 1q2w3e4r5t
1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5 a1s2d3f4 z1x2c3v4 qweasd qweasdzxc qweasdzxc123 1qazxsw2 zaq12wsx
zaq1xsw2 !qaz2wsx 1q2w3e4r! qwer!@#$ qwe123 qwe123! qwe123!@# asd123 zxc123 abc abcd abcde abcdef abcdefg
abcdefgh abc123 abcd1234 a1b2c3 a1b2c3d4 aaa111 asdf;lkj poiuytrewq mnbvcxz lkjhgfdsa 147258369 159753
159357 147258 963852741 741852963 258456 852456 14789632 12369874 123654 321654 7410 852963
""".split()



def digit_runs():
    out = set()
    for n in range(4, 13):
        out.add("".join(str((i + 1) % 10) for i in range(n)))          # 1234…
        out.add("".join(str((9 - i) % 10) for i in range(n)))          # 9876…
        out.add("".join(str(i % 10) for i in range(n)))                # 0123…
        for d in "0123456789":
            out.add(d * n)                                             # 1111…
    for a, b in itertools.product("0123456789", repeat=2):
        out.add((a + b) * 4)                                           # 12121212
        out.add((a + b) * 3)
    for trip in ["123", "321", "456", "654", "789", "987", "147", "258", "369", "159", "357", "520", "1314"]:
        for k in (2, 3, 4):
            out.add(trip * k)
    for y in range(1950, 2031):                                        # birthdays: 19900101, 900101…
        for m in (1, 2, 3, 5, 10, 12):
            for d in (1, 5, 10, 15, 20, 25):
                out.add("%d%02d%02d" % (y, m, d))
    for s in ["11223344", "11112222", "12341234", "12344321", "1234qwer", "qwer1234", "1234asdf", "asdf1234",
              "zxcv1234", "1234zxcv", "password1234", "0000000000", "010101", "01012345678", "01000000000",
              "0101234567", "01011112222", "1004", "10041004", "100410041004", "486486", "8282", "82828282"]:
        out.add(s)
    return out


def main():
    words = {w.lower() for w in WORDS + KEYBOARD}
    out = set(words) | digit_runs()
    for w in sorted(words):
        # A word plus a digit or symbol tail is caught by the server's stripping rule; only the doubled word is listed.
        out.add(w + w)
        for s in ("123", "1234", "!@#"):
            out.add(w + s)
    leet = str.maketrans({"a": "@", "o": "0", "e": "3", "i": "1", "s": "$"})
    for w in sorted(words):
        out.add(w.translate(leet))
        out.add(w.translate(leet) + "1")
        out.add(w.translate(leet) + "123")
    lines = sorted({p.lower() for p in out if 4 <= len(p) <= 64})
    target = pathlib.Path(__file__).resolve().parents[4] / "src/main/resources/org/labelcrew/account/common-passwords.txt"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(len(lines), "passwords written to", target)


if __name__ == "__main__":
    main()
