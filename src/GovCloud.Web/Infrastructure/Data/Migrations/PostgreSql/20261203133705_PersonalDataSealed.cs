using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PersonalDataSealed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "VendorContactMobile",
                table: "ResourceApplications",
                type: "character varying(134)",
                maxLength: 134,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "VendorContactEmail",
                table: "ResourceApplications",
                type: "character varying(454)",
                maxLength: 454,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "AgencyContactMobile",
                table: "ResourceApplications",
                type: "character varying(134)",
                maxLength: 134,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "AgencyContactEmail",
                table: "ResourceApplications",
                type: "character varying(454)",
                maxLength: 454,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AgencyContactMobileIndex",
                table: "ResourceApplications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VendorContactMobileIndex",
                table: "ResourceApplications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ContactPhone",
                table: "RectificationNotices",
                type: "character varying(174)",
                maxLength: 174,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AlterColumn<string>(
                name: "ContactPhone",
                table: "Organisations",
                type: "character varying(174)",
                maxLength: 174,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ContactEmail",
                table: "Organisations",
                type: "character varying(454)",
                maxLength: 454,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactPhoneIndex",
                table: "Organisations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "VendorContactMobile",
                table: "InfoSystems",
                type: "character varying(134)",
                maxLength: 134,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "VendorContactEmail",
                table: "InfoSystems",
                type: "character varying(454)",
                maxLength: 454,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VendorContactMobileIndex",
                table: "InfoSystems",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerMobiles",
                table: "CloudVms",
                type: "character varying(2054)",
                maxLength: 2054,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(500)",
                oldMaxLength: 500);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerEmails",
                table: "CloudVms",
                type: "character varying(4054)",
                maxLength: 4054,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerMobiles",
                table: "ChangeLines",
                type: "character varying(2054)",
                maxLength: 2054,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(500)",
                oldMaxLength: 500,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerEmails",
                table: "ChangeLines",
                type: "character varying(4054)",
                maxLength: 4054,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "NormalizedEmail",
                table: "AspNetUsers",
                type: "character varying(1078)",
                maxLength: 1078,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Email",
                table: "AspNetUsers",
                type: "character varying(1078)",
                maxLength: 1078,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneNumberIndex",
                table: "AspNetUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerMobiles",
                table: "ApplicationVms",
                type: "character varying(2054)",
                maxLength: 2054,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(500)",
                oldMaxLength: 500);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerEmails",
                table: "ApplicationVms",
                type: "character varying(4054)",
                maxLength: 4054,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);

            migrationBuilder.CreateIndex(
                name: "IX_ResourceApplications_AgencyContactMobileIndex",
                table: "ResourceApplications",
                column: "AgencyContactMobileIndex");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceApplications_VendorContactMobileIndex",
                table: "ResourceApplications",
                column: "VendorContactMobileIndex");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_ContactPhoneIndex",
                table: "Organisations",
                column: "ContactPhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_InfoSystems_VendorContactMobileIndex",
                table: "InfoSystems",
                column: "VendorContactMobileIndex");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PhoneNumberIndex",
                table: "AspNetUsers",
                column: "PhoneNumberIndex");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResourceApplications_AgencyContactMobileIndex",
                table: "ResourceApplications");

            migrationBuilder.DropIndex(
                name: "IX_ResourceApplications_VendorContactMobileIndex",
                table: "ResourceApplications");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_ContactPhoneIndex",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_InfoSystems_VendorContactMobileIndex",
                table: "InfoSystems");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_PhoneNumberIndex",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "AgencyContactMobileIndex",
                table: "ResourceApplications");

            migrationBuilder.DropColumn(
                name: "VendorContactMobileIndex",
                table: "ResourceApplications");

            migrationBuilder.DropColumn(
                name: "ContactPhoneIndex",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "VendorContactMobileIndex",
                table: "InfoSystems");

            migrationBuilder.DropColumn(
                name: "PhoneNumberIndex",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<string>(
                name: "VendorContactMobile",
                table: "ResourceApplications",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(134)",
                oldMaxLength: 134,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "VendorContactEmail",
                table: "ResourceApplications",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(454)",
                oldMaxLength: 454,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "AgencyContactMobile",
                table: "ResourceApplications",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(134)",
                oldMaxLength: 134,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "AgencyContactEmail",
                table: "ResourceApplications",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(454)",
                oldMaxLength: 454,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ContactPhone",
                table: "RectificationNotices",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(174)",
                oldMaxLength: 174);

            migrationBuilder.AlterColumn<string>(
                name: "ContactPhone",
                table: "Organisations",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(174)",
                oldMaxLength: 174,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ContactEmail",
                table: "Organisations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(454)",
                oldMaxLength: 454,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "VendorContactMobile",
                table: "InfoSystems",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(134)",
                oldMaxLength: 134,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "VendorContactEmail",
                table: "InfoSystems",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(454)",
                oldMaxLength: 454,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerMobiles",
                table: "CloudVms",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2054)",
                oldMaxLength: 2054);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerEmails",
                table: "CloudVms",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4054)",
                oldMaxLength: 4054);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerMobiles",
                table: "ChangeLines",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2054)",
                oldMaxLength: 2054,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerEmails",
                table: "ChangeLines",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4054)",
                oldMaxLength: 4054,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "NormalizedEmail",
                table: "AspNetUsers",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1078)",
                oldMaxLength: 1078,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Email",
                table: "AspNetUsers",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1078)",
                oldMaxLength: 1078,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerMobiles",
                table: "ApplicationVms",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2054)",
                oldMaxLength: 2054);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerEmails",
                table: "ApplicationVms",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4054)",
                oldMaxLength: 4054);
        }
    }
}
